ALTER TABLE `targets` ADD `stamp` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Whatever changes a target row moves its stamp: a writer that did not raise it gets it raised here, in the same
-- statement's transaction. Only this trigger watches `stamp`, and triggers do not fire themselves
-- (recursive_triggers is off), so its own UPDATE sets off nothing else.
CREATE TRIGGER `targets_stamp` AFTER UPDATE ON `targets`
FOR EACH ROW WHEN NEW.stamp = OLD.stamp
BEGIN
  UPDATE `targets` SET stamp = OLD.stamp + 1 WHERE id = NEW.id;
END;
