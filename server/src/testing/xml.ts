/**
 * A strict XML parse for tests (saxes: well-formedness, entities, allowed characters, namespaces).
 * Any fault throws, so a picture that a browser would refuse to show fails its test.
 */
import { SaxesParser } from 'saxes';

export interface XmlNode {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlNode[];
  /** Text directly inside this element (entities decoded). */
  text: string;
}

export function parseXml(source: string): XmlNode {
  const parser = new SaxesParser({ xmlns: true });
  const stack: XmlNode[] = [];
  let root: XmlNode | null = null;
  let failure: Error | null = null;
  parser.on('error', (error) => {
    failure ??= error;
  });
  parser.on('opentag', (tag) => {
    const attributes: Record<string, string> = {};
    for (const [name, attribute] of Object.entries(tag.attributes)) {
      attributes[name] = typeof attribute === 'string' ? attribute : attribute.value;
    }
    const node: XmlNode = { name: tag.local ?? tag.name, attributes, children: [], text: '' };
    stack.at(-1)?.children.push(node);
    if (!root) root = node;
    stack.push(node);
  });
  parser.on('text', (text) => {
    const current = stack.at(-1);
    if (current) current.text += text;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.write(source).close();
  if (failure) throw failure;
  if (!root) throw new Error('Document XML vide.');
  return root;
}

/** Every element of the tree, depth first. */
export function allNodes(node: XmlNode): XmlNode[] {
  return [node, ...node.children.flatMap(allNodes)];
}

/** Text of an element and of everything inside it. */
export function textOf(node: XmlNode): string {
  return node.text + node.children.map(textOf).join('');
}
