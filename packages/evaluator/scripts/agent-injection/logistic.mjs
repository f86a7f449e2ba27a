// Weighted logistic regression over a few dense features, fitted by full-batch gradient descent
// with L2 and box constraints (every weight in [lower[i], upper[i]], lower 0 for evidence: a signal can only raise the score,
// and a family's weight can be capped so that it cannot cross the threshold alone).

const sigmoid = (z) => 1 / (1 + Math.exp(-z));

/**
 * @param {{x:number[], y:0|1, w:number}[]} data
 * @param {number[]} upper per-feature upper bound (Infinity = none)
 * @param {number[]} lower per-feature lower bound (0 unless the feature is counter-evidence)
 */
export function fitLogistic(data, upper, lower, { iterations = 3000, lr = 0.05, l2 = 1e-3 } = {}) {
  const d = upper.length;
  const w = new Array(d).fill(0);
  let b = -2;
  const total = data.reduce((s, r) => s + r.w, 0);
  for (let it = 0; it < iterations; it++) {
    const g = new Array(d).fill(0);
    let gb = 0;
    for (const r of data) {
      let z = b;
      for (let i = 0; i < d; i++) z += w[i] * r.x[i];
      const e = (sigmoid(z) - r.y) * r.w;
      for (let i = 0; i < d; i++) g[i] += e * r.x[i];
      gb += e;
    }
    for (let i = 0; i < d; i++) {
      w[i] -= lr * (g[i] / total + l2 * w[i]);
      w[i] = Math.min(upper[i], Math.max(lower[i], w[i]));
    }
    b -= (lr * gb) / total;
  }
  return { weights: w, bias: b };
}

/** Probability of the fitted model for one feature vector. */
export function probability(model, x) {
  let z = model.bias;
  for (let i = 0; i < x.length; i++) z += model.weights[i] * x[i];
  return sigmoid(z);
}

/** Log-odds of `p`. */
export const logit = (p) => Math.log(p / (1 - p));
