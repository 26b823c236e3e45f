import { secretVariable } from "../../constructs/secret-variable";
import { resolved, synth, testStack, tf } from "./helpers";

describe("secretVariable", () => {
  test("declares a sensitive, ephemeral, non-nullable string variable with the description", () => {
    const { stack } = testStack();
    const variable = secretVariable(stack, "db_password", "Password of the database admin");
    const json = synth(stack);
    expect(json.variable.db_password).toEqual({
      type: "string",
      sensitive: true,
      ephemeral: true,
      nullable: false,
      description: "Password of the database admin",
    });
    expect(json.variable.db_password).not.toHaveProperty("default");
    expect(resolved(stack, variable.stringValue)).toBe(tf("var.db_password"));
  });
});
