import { defineSec0Project } from "@sec0/vitest-config";

export default defineSec0Project({ name: "@sec0/console-app" });
