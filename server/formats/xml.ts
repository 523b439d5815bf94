import { load } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';

/** Parses XML (namespaced tag names kept as written, e.g. `w:p`) into domhandler nodes. */
export function parseXml(xml: string): Element[] {
  const root = load(xml, { xml: true }).root()[0];
  return root ? elements(root.children) : [];
}

export function elements(nodes: readonly AnyNode[] | undefined): Element[] {
  return (nodes ?? []).filter((n): n is Element => n.type === 'tag');
}

/** Direct child elements named `name`. */
export function childrenNamed(el: Element, name: string): Element[] {
  return elements(el.children).filter((c) => c.name === name);
}

export function childNamed(el: Element, name: string): Element | undefined {
  return elements(el.children).find((c) => c.name === name);
}

/** Every descendant element named `name`, in document order (not descending into a match). */
export function findAll(nodes: readonly AnyNode[], name: string): Element[] {
  const out: Element[] = [];
  const walk = (list: readonly AnyNode[]) => {
    for (const n of list) {
      if (n.type !== 'tag') continue;
      if (n.name === name) out.push(n);
      else walk(n.children);
    }
  };
  walk(nodes);
  return out;
}
