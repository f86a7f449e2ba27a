import { readFileSync } from "node:fs";
import { FEATURE_NAMES } from "./features.js";

/** The fitted combination as stored in `models/agent-injection.json`. */
export interface CombinedModel {
  readonly name: string;
  readonly features: readonly string[];
  readonly weights: readonly number[];
  readonly bias: number;
  /** Probability at which a window counts as an injection (chosen on dev); maps to score 0.5. */
  readonly threshold: number;
}

let cached: CombinedModel | undefined;

/**
 * Loads `models/agent-injection.json` once.
 * @throws Error when the file's feature list differs from {@link FEATURE_NAMES} (refit it).
 */
export function loadCombinedModel(): CombinedModel {
  if (cached !== undefined) return cached;
  const url = new URL("../../../models/agent-injection.json", import.meta.url);
  const model = JSON.parse(readFileSync(url, "utf8")) as CombinedModel;
  if (model.features.join(",") !== FEATURE_NAMES.join(","))
    throw new Error(
      "models/agent-injection.json does not match FEATURE_NAMES: run scripts/agent-injection/fit.mjs",
    );
  cached = model;
  return model;
}

/** Probability of the combined logistic model for one feature vector. */
export function combinedProbability(model: CombinedModel, x: readonly number[]): number {
  let z = model.bias;
  for (let i = 0; i < x.length; i++) z += model.weights[i]! * x[i]!;
  return 1 / (1 + Math.exp(-z));
}

/** Maps a probability so that the model's threshold becomes 0.5 (as the classifiers do). */
export function calibrateScore(p: number, threshold: number): number {
  return p >= threshold ? 0.5 + (0.5 * (p - threshold)) / (1 - threshold) : (0.5 * p) / threshold;
}
