// The two ESLint plugins ship no types; the built-in SAST uses only their rule maps.
declare module "eslint-plugin-security" {
  const plugin: import("eslint").ESLint.Plugin;
  export default plugin;
}
declare module "@microsoft/eslint-plugin-sdl" {
  const plugin: import("eslint").ESLint.Plugin;
  export default plugin;
}
