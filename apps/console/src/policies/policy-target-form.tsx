import { useState } from "preact/hooks";
import { POLICY_LEVELS, type PolicyLevel } from "./policy-types.js";

/** Props of {@link PolicyTargetForm}. */
export interface PolicyTargetFormProps {
  readonly level: PolicyLevel;
  readonly nodeId: string | undefined;
  readonly onLevel: (level: PolicyLevel) => void;
  readonly onNodeId: (nodeId: string | undefined) => void;
}

/** The same pattern the control plane checks a `nodeId` against. */
const NODE_ID_PATTERN = "[a-z0-9](?:[a-z0-9\\-]{0,78}[a-z0-9])?";

/**
 * Which policy the page shows: the level (applied at once) and, optionally, one agent node's own
 * policy (applied with its button, so typing does not reload the page on every key).
 */
export function PolicyTargetForm(props: PolicyTargetFormProps) {
  const [node, setNode] = useState(props.nodeId ?? "");
  const apply = (event: Event) => {
    event.preventDefault();
    const trimmed = node.trim();
    props.onNodeId(trimmed === "" ? undefined : trimmed);
  };
  return (
    <form class="row policy-target" onSubmit={apply}>
      <label>
        Level
        <select
          value={props.level}
          onChange={(event) => props.onLevel((event.currentTarget as HTMLSelectElement).value as PolicyLevel)}
        >
          {POLICY_LEVELS.map((level) => (
            <option key={level} value={level}>
              {level}
            </option>
          ))}
        </select>
      </label>
      <label>
        Node id (optional)
        <input
          type="text"
          value={node}
          pattern={NODE_ID_PATTERN}
          placeholder="base policy"
          autocomplete="off"
          spellcheck={false}
          onInput={(event) => setNode((event.currentTarget as HTMLInputElement).value)}
        />
      </label>
      <button type="submit">Show</button>
    </form>
  );
}
