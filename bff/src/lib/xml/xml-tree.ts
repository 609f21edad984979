/**
 * A bounded XML element tree, built with saxes (strict, namespace aware). Used for every SOAP
 * message the product reads or the Open Media peer receives: the session service's requests, the
 * MiContact Center's answers (fed chunk by chunk as they arrive) and the peer's requests.
 *
 * DTDs are refused outright, which rules out internal/external entities and entity-expansion
 * attacks; only the five predefined entities and character references are decoded. Element count
 * and nesting depth are capped, so a hostile document cannot grow memory without bound.
 */
import { SaxesParser } from 'saxes';

export interface XmlAttribute {
  uri: string;
  local: string;
  value: string;
}

export interface XmlElement {
  uri: string;
  local: string;
  attributes: XmlAttribute[];
  children: XmlElement[];
  /** Character data (text and CDATA, entities decoded) directly inside this element. */
  text: string;
}

/** Why a document was refused; `kind` lets callers word it for their protocol. */
export class XmlTreeError extends Error {
  override readonly name = 'XmlTreeError';
  constructor(
    readonly kind: 'malformed' | 'dtd' | 'too-many-elements' | 'too-deep' | 'too-large' | 'encoding',
    message: string,
  ) {
    super(message);
  }
}

export interface XmlTreeLimits {
  /** Most elements in the document. */
  maxElements: number;
  /** Deepest nesting (the root is depth 1). */
  maxDepth: number;
}

export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
const DTD_MESSAGE = 'DTDs are not allowed';

/** `{uri}local`, how messages name an element. */
export function nameOf(el: Pick<XmlElement, 'uri' | 'local'>): string {
  return `{${el.uri}}${el.local}`;
}

function isXmlWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/**
 * Linear scan of the prolog (XML declaration, PIs, comments, whitespace): true when a DOCTYPE
 * declaration follows, so it can be refused before any of it is parsed. saxes' `doctype` event is
 * kept as a second line of defence (and is the only one when the text arrives in chunks).
 */
export function prologHasDoctype(xml: string): boolean {
  let i = 0;
  for (;;) {
    while (i < xml.length && isXmlWhitespace(xml.charCodeAt(i))) i++;
    if (xml.startsWith('<?', i)) {
      const end = xml.indexOf('?>', i + 2);
      if (end < 0) return false;
      i = end + 2;
    } else if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i + 4);
      if (end < 0) return false;
      i = end + 3;
    } else {
      return xml.slice(i, i + 9).toUpperCase() === '<!DOCTYPE';
    }
  }
}

/**
 * Builds the tree from text given in one piece or in chunks (`write` as data arrives, then
 * `close`). Every problem is thrown as an {@link XmlTreeError}; after one, the builder is spent.
 */
export class XmlTreeBuilder {
  private readonly parser = new SaxesParser({ xmlns: true, position: true });
  private readonly stack: XmlElement[] = [];
  private root: XmlElement | undefined;
  private elements = 0;

  constructor(private readonly limits: XmlTreeLimits) {
    const p = this.parser;
    // Throwing from a handler aborts `write` at once.
    p.on('error', (err) => {
      throw new XmlTreeError('malformed', `Malformed XML: ${err.message}`);
    });
    p.on('doctype', () => {
      throw new XmlTreeError('dtd', DTD_MESSAGE);
    });
    p.on('opentagstart', () => {
      this.elements += 1;
      if (this.elements > limits.maxElements) {
        throw new XmlTreeError('too-many-elements', `more than ${limits.maxElements} XML elements`);
      }
      if (this.stack.length >= limits.maxDepth) {
        throw new XmlTreeError('too-deep', `XML nesting deeper than ${limits.maxDepth} levels`);
      }
    });
    p.on('opentag', (tag) => {
      const attributes: XmlAttribute[] = [];
      for (const a of Object.values(tag.attributes)) {
        attributes.push({ uri: a.uri, local: a.local, value: a.value });
      }
      const el: XmlElement = { uri: tag.uri, local: tag.local, attributes, children: [], text: '' };
      const parent = this.stack[this.stack.length - 1];
      if (parent) parent.children.push(el);
      else this.root = el;
      this.stack.push(el);
    });
    p.on('closetag', () => {
      this.stack.pop();
    });
    const onCharacterData = (data: string): void => {
      const top = this.stack[this.stack.length - 1];
      if (top) top.text += data;
    };
    p.on('text', onCharacterData);
    p.on('cdata', onCharacterData);
  }

  /** Elements seen so far. */
  get elementCount(): number {
    return this.elements;
  }

  write(chunk: string): this {
    this.guard(() => this.parser.write(chunk));
    return this;
  }

  /** Ends the document and returns its root element. */
  close(): XmlElement {
    this.guard(() => this.parser.close());
    if (!this.root) throw new XmlTreeError('malformed', 'Malformed XML: no root element');
    return this.root;
  }

  private guard(step: () => unknown): void {
    try {
      step();
    } catch (err) {
      if (err instanceof XmlTreeError) throw err;
      throw new XmlTreeError(
        'malformed',
        `Malformed XML: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }
}

/** Parses a whole document held in memory. */
export function parseXmlTree(xml: string, limits: XmlTreeLimits): XmlElement {
  if (prologHasDoctype(xml)) throw new XmlTreeError('dtd', DTD_MESSAGE);
  return new XmlTreeBuilder(limits).write(xml).close();
}

/** The UTF-16 encoding a byte order mark announces, if the bytes start with one. */
function utf16Of(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/**
 * A document's text from a string, or from bytes in UTF-8 (BOM or not) or UTF-16 with its BOM (XML
 * 1.0 §4.3.3 lets an entity be either), at most `maxBytes` long, without the BOM.
 */
export function decodeXmlInput(xml: string | Uint8Array, maxBytes: number): string {
  let text: string;
  if (typeof xml === 'string') {
    // A UTF-16 code unit never encodes to fewer than 1 or more than 3 UTF-8 bytes.
    if (xml.length > maxBytes || (xml.length * 3 > maxBytes && Buffer.byteLength(xml, 'utf8') > maxBytes)) {
      throw new XmlTreeError('too-large', `larger than ${maxBytes} bytes`);
    }
    text = xml;
  } else {
    if (xml.byteLength > maxBytes) throw new XmlTreeError('too-large', `larger than ${maxBytes} bytes`);
    const utf16 = utf16Of(xml);
    try {
      text = new TextDecoder(utf16 ?? 'utf-8', { fatal: true }).decode(xml);
    } catch {
      throw new XmlTreeError(
        'encoding',
        utf16
          ? `Malformed XML: request is not valid ${utf16.toUpperCase()}`
          : 'Malformed XML: request is neither valid UTF-8 nor UTF-16 with a byte order mark',
      );
    }
  }
  // TextDecoder strips a BOM, a string from elsewhere may still carry one.
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** True for `xsi:nil="true"` (or `"1"`). */
export function isNil(el: XmlElement): boolean {
  return el.attributes.some(
    (a) => a.uri === XSI_NS && a.local === 'nil' && (a.value.trim() === 'true' || a.value.trim() === '1'),
  );
}
