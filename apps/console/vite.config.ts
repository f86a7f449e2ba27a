import { defineConfig } from "vite";

// Preact through esbuild's automatic JSX runtime: no framework plugin needed. The console is
// served by the control plane under /console/, so every asset URL is relative to that base.
export default defineConfig({
  base: "/console/",
  esbuild: { jsx: "automatic", jsxImportSource: "preact" },
  build: { outDir: "dist", emptyOutDir: true, sourcemap: false, target: "es2022" },
});
