import assert from "node:assert/strict";
import { CareTrail__factory } from "../generated/typechain/index.js";

const careTrailInterface = CareTrail__factory.createInterface();

/** Awaits `action` and asserts the contract reverted with the custom error `name`. */
export async function expectRevert(action: Promise<unknown>, name: string): Promise<void> {
  try {
    await action;
  } catch (error) {
    // A reverted send fails in estimateGas, which does not decode custom errors: decode the data here.
    const data = (error as { data?: string }).data;
    const decoded = data ? careTrailInterface.parseError(data) : null;
    assert.equal(decoded?.name, name, `expected revert ${name}, got ${(error as Error).message.slice(0, 300)}`);
    return;
  }
  assert.fail(`expected the contract to revert with ${name}`);
}
