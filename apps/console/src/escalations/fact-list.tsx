import type { Fact } from "./escalation-facts.js";

/** Props of {@link FactList}. */
export interface FactListProps {
  readonly facts: readonly Fact[];
}

/** Labelled facts as a description list; values are text (JSON in a `<pre>`), never HTML. */
export function FactList({ facts }: FactListProps) {
  return (
    <dl class="escalation-facts">
      {facts.map((fact) => (
        <div class="escalation-fact" key={fact.label}>
          <dt>{fact.label}</dt>
          <dd>
            {fact.block === true ? (
              <pre class="escalation-json">{fact.value}</pre>
            ) : fact.code === true ? (
              <code>{fact.value}</code>
            ) : (
              fact.value
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
