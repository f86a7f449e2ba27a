#!/usr/bin/env bash
# Creates a package skeleton: tooling/scripts/new-package.sh @sec0/name packages/name "One sentence."
set -euo pipefail
name=$1 dir=$2 desc=$3
mkdir -p "$dir/src"
# One version for every published package (the fixed changeset group): start at the others'.
version=$(node -p 'require("./packages/sdk/package.json").version')
cat > "$dir/package.json" <<EOF
{
  "name": "$name",
  "version": "$version",
  "description": "$desc",
  "license": "Apache-2.0",
  "repository": { "type": "git", "url": "git+https://github.com/sec0-ai/sec0.git", "directory": "$dir" },
  "homepage": "https://github.com/sec0-ai/sec0/tree/main/$dir#readme",
  "bugs": { "url": "https://github.com/sec0-ai/sec0/issues" },
  "type": "module",
  "sideEffects": false,
  "engines": { "node": ">=20.19" },
  "exports": {
    ".": {
      "@sec0/source": "./src/index.ts",
      "types": "./dist/index.d.ts",
      "default": "./dist/index.js"
    },
    "./package.json": "./package.json"
  },
  "files": ["dist", "src", "!src/**/*.test.ts", "!src/**/__fixtures__", "README.md"],
  "scripts": {
    "build": "tsc -p tsconfig.json",
    "typecheck": "tsc -p tsconfig.json --noEmit"
  },
  "dependencies": {
    "@sec0/core": "workspace:*"
  },
  "devDependencies": {
    "@sec0/tsconfig": "workspace:*",
    "@sec0/vitest-config": "workspace:*",
    "@types/node": "catalog:",
    "typescript": "catalog:",
    "vitest": "catalog:"
  },
  "publishConfig": { "access": "public" }
}
EOF
cp LICENSE "$dir/LICENSE"
cat > "$dir/tsconfig.json" <<EOF
{
  "extends": "@sec0/tsconfig/base.json",
  "compilerOptions": { "rootDir": "src", "outDir": "dist" },
  "include": ["src"],
  "exclude": ["src/**/*.test.ts", "src/**/__fixtures__"]
}
EOF
cat > "$dir/vitest.config.ts" <<EOF
import { defineSec0Project } from "@sec0/vitest-config";

export default defineSec0Project({ name: "$name" });
EOF
echo "created $dir ($name); add src/index.ts and run pnpm install"
