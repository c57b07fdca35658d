// The invariant campaign (model-based): random sequences of every CareTrail call by every kind of account, each
// call's events or custom error checked against the reference model (campaign/model.ts), and after each sequence
// the invariants checked from the chain's own trail (campaign/trail.ts). `npm test` runs 500 sequences;
// `npm run test:soak` runs 10,000 (CAMPAIGN_SEQUENCES overrides; CAMPAIGN_SEED replays a failure).
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { runCampaign } from "./campaign/runCampaign";

const sequences = Number(process.env.CAMPAIGN_SEQUENCES ?? 500);
const maxCommands = Number(process.env.CAMPAIGN_MAX_COMMANDS ?? 16);

describe("CareTrail invariant campaign", () => {
  it(`keeps every call equal to the model and every invariant over ${sequences} random sequences`, async function () {
    this.timeout(0);
    const figures = await runCampaign({
      sequences,
      maxCommands,
      seed: process.env.CAMPAIGN_SEED ? Number(process.env.CAMPAIGN_SEED) : undefined,
    });
    console.log(
      `      campaign: ${figures.sequences} sequences, ${figures.commands} commands, ${figures.calls} calls (+${figures.views} views) ` +
        `in ${figures.seconds.toFixed(1)} s (${figures.callsPerSecond} calls/s); ${figures.attempts} access attempts, ` +
        `${figures.grants} consent grants, ${figures.appends} appends, ${figures.reads} reads logged; seed ${figures.seed}`,
    );
    // `npm run test:soak` gathers SOAK_REPORT_DIR/*.json into docs/reliability.json.
    if (process.env.SOAK_REPORT_DIR) {
      mkdirSync(process.env.SOAK_REPORT_DIR, { recursive: true });
      writeFileSync(path.join(process.env.SOAK_REPORT_DIR, "contracts-campaign.json"), JSON.stringify(figures, null, 2) + "\n");
    }
  });
});
