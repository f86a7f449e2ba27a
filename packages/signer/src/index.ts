// The public API of @sec0/signer, listed by name.
export {};
