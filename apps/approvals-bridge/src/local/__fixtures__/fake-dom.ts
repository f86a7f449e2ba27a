// The few DOM members the local page's script uses, enough to run it in a test: elements built
// with createElement and textContent only. `innerHTML` throws, so a script that used it fails.

/** One element of the fake DOM. */
export class FakeElement {
  children: FakeElement[] = [];
  parentNode: FakeElement | undefined;
  className = "";
  hidden = false;
  disabled = false;
  type = "";
  value = "";
  readonly attributes = new Map<string, string>();
  private readonly listeners = new Map<string, Array<() => void>>();
  private text = "";

  constructor(readonly tagName: string) {}

  get textContent(): string {
    return this.children.length > 0 ? this.children.map((c) => c.textContent).join("") : this.text;
  }
  set textContent(value: string) {
    for (const child of this.children) child.parentNode = undefined;
    this.children = [];
    this.text = String(value);
  }
  get innerHTML(): string {
    throw new Error("innerHTML read");
  }
  set innerHTML(_value: string) {
    throw new Error("innerHTML written");
  }
  get firstChild(): FakeElement | null {
    return this.children[0] ?? null;
  }
  get options(): FakeElement[] {
    return this.children;
  }
  appendChild(child: FakeElement): FakeElement {
    child.parentNode?.removeChild(child);
    child.parentNode = this;
    this.children.push(child);
    return child;
  }
  removeChild(child: FakeElement): FakeElement {
    this.children = this.children.filter((c) => c !== child);
    child.parentNode = undefined;
    return child;
  }
  replaceChild(next: FakeElement, old: FakeElement): FakeElement {
    next.parentNode?.removeChild(next);
    this.children[this.children.indexOf(old)] = next;
    next.parentNode = this;
    old.parentNode = undefined;
    return old;
  }
  setAttribute(name: string, value: string): void {
    this.attributes.set(name, String(value));
  }
  getAttribute(name: string): string | null {
    return this.attributes.get(name) ?? null;
  }
  addEventListener(type: string, listener: () => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  click(): void {
    for (const listener of this.listeners.get("click") ?? []) listener();
  }
  focus(): void {}
  /** Every element below this one, depth first. */
  descendants(): FakeElement[] {
    return this.children.flatMap((child) => [child, ...child.descendants()]);
  }
}

/** A document holding the page's elements by id (`cards`, `empty`, `approver`, `status`, `summary`). */
export function createFakeDocument(ids: Record<string, string>) {
  const root = new FakeElement("body");
  const byId = new Map<string, FakeElement>();
  for (const [id, tag] of Object.entries(ids)) byId.set(id, root.appendChild(new FakeElement(tag)));
  return {
    root,
    byId,
    document: {
      getElementById: (id: string) => byId.get(id) ?? null,
      createElement: (tag: string) => new FakeElement(tag),
      querySelectorAll: (selector: string) => {
        const name = /^\[([a-z-]+)\]$/.exec(selector)?.[1];
        if (name === undefined) throw new Error(`unsupported selector ${selector}`);
        return root.descendants().filter((e) => e.attributes.has(name));
      },
    },
  };
}
