// The public API of @sec0/audit, listed by name.
export {};
