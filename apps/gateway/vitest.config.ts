import { defineSec0Project } from "@sec0/vitest-config";
import { mergeConfig } from "vitest/config";

export default mergeConfig(defineSec0Project({ name: "@sec0/gateway-app" }), {
  test: { globalSetup: ["./src/__fixtures__/build-app.ts"] },
});
