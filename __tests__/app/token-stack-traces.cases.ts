import { Fn, Lazy, TerraformOutput, TerraformStack, TerraformVariable, Testing } from "cdktf";
import { configureTokenStackTraces, TOKEN_STACK_TRACES } from "../../app/token-stack-traces";

describe("app/token-stack-traces", () => {
  /** Where cdktf says a token was created: what a failed resolution prints. */
  function creationStackOfNewToken(): string[] {
    return Lazy.anyValue({ produce: () => "x" }).creationStack;
  }

  function synthWithTokens(): string {
    const stack = new TerraformStack(Testing.app(), "s");
    const name = new TerraformVariable(stack, "name", { type: "string" });
    new TerraformOutput(stack, "greeting", {
      value: Lazy.stringValue({ produce: () => Fn.join("-", ["hello", name.stringValue]) }),
    });
    return Testing.synth(stack);
  }

  afterEach(() => configureTokenStackTraces(process.env));

  test("off by default: cdktf records no stack trace for a new token (jest's setup applies the switch too)", () => {
    configureTokenStackTraces({});
    expect(creationStackOfNewToken()).toEqual([]);
  });

  test(`${TOKEN_STACK_TRACES}=1 turns cdktf's traces back on, naming where the token was made`, () => {
    configureTokenStackTraces({ [TOKEN_STACK_TRACES]: "1" });
    expect(creationStackOfNewToken().join("\n")).toContain("creationStackOfNewToken");
  });

  test("the JSON is the same either way", () => {
    configureTokenStackTraces({});
    const without = synthWithTokens();
    configureTokenStackTraces({ [TOKEN_STACK_TRACES]: "1" });
    expect(synthWithTokens()).toBe(without);
    expect(without).toContain('${join(\\"-\\", [\\"hello\\", var.name])}');
  });
});
