// The public API of @sec0/evaluator, listed by name.
export {};
