import { useRef } from "preact/hooks";
import { countLines, type LineMark } from "./finding-lines.js";

/** Props of {@link PolicyEditor}. */
export interface PolicyEditorProps {
  readonly text: string;
  readonly readOnly: boolean;
  readonly marks: ReadonlyMap<number, LineMark>;
  readonly invalid: boolean;
  /** The id of the element listing the findings, for `aria-describedby`. */
  readonly describedBy: string;
  readonly onInput: (text: string) => void;
}

/**
 * The policy YAML as a plain monospace textarea, with a decorative line-number gutter that marks
 * the lines with errors (red) or warnings (amber) and scrolls with the text.
 */
export function PolicyEditor(props: PolicyEditorProps) {
  const gutter = useRef<HTMLDivElement>(null);
  const lines = countLines(props.text);
  const syncScroll = (event: Event) => {
    if (gutter.current !== null)
      gutter.current.scrollTop = (event.currentTarget as HTMLTextAreaElement).scrollTop;
  };
  return (
    <div class="policy-editor">
      <label for="policy-yaml" class="policy-editor-label">
        Policy YAML
      </label>
      <div class="policy-editor-frame">
        <div class="policy-gutter" aria-hidden="true" style={{ width: `${String(lines).length + 2.5}ch` }}>
          <div class="policy-gutter-lines" ref={gutter}>
            {Array.from({ length: lines }, (_, index) => {
              const mark = props.marks.get(index + 1);
              return (
                <div
                  key={index}
                  class={mark === undefined ? "policy-gutter-line" : `policy-gutter-line ${mark}`}
                >
                  {mark === "error" ? "! " : mark === "warning" ? "? " : ""}
                  {index + 1}
                </div>
              );
            })}
          </div>
        </div>
        <textarea
          id="policy-yaml"
          class="code policy-textarea"
          data-testid="policy-editor"
          value={props.text}
          readOnly={props.readOnly}
          spellcheck={false}
          autocomplete="off"
          autocapitalize="off"
          wrap="off"
          rows={18}
          aria-invalid={props.invalid}
          aria-describedby={props.describedBy}
          onInput={(event) => props.onInput((event.currentTarget as HTMLTextAreaElement).value)}
          onScroll={syncScroll}
        />
      </div>
    </div>
  );
}
