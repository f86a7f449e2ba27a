// The public API of @sec0/policy, listed by name.
export {};
