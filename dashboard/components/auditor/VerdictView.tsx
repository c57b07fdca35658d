// The verifier's answer: the verdict in words, who wrote the file, every check, and a disclosure's revealed values.
import { ShortHash } from "./CopyButton";

type Check = { name: string; status: "pass" | "fail" | "warn" | "skip"; reason: string };
export type NamedVerdict = {
  kind: "record" | "disclosure";
  recordId: string;
  valid: boolean;
  checks: Check[];
  author?: string;
  patient?: string;
  disclosed?: { path: string; value: string }[];
};

const HEX_RUN = /(0x[0-9a-fA-F]{24,})/;

/** A reason with its long hashes shortened (each copyable), so it wraps inside the panel. */
function Reason({ text }: { text: string }) {
  return <>{text.split(HEX_RUN).map((part, index) => (HEX_RUN.test(part) ? <ShortHash key={index} value={part} label="this value" /> : part))}</>;
}

export function VerdictView({ file, verdict }: { file: string; verdict: NamedVerdict }) {
  const proven = verdict.valid && verdict.kind === "disclosure";
  return (
    <div data-testid="verdict" data-valid={verdict.valid} className="verdict-box">
      <p className={`verdict ${verdict.valid ? "pass" : "fail"}`}>
        {verdict.valid ? "✓ Valid" : "✕ Not valid"}: {file}
      </p>
      <dl className="facts">
        <dt>{verdict.kind === "record" ? "Record" : "Disclosure of record"}</dt>
        <dd>
          <ShortHash value={verdict.recordId} label="record id" />
        </dd>
        {verdict.author && (
          <>
            <dt>Author</dt>
            <dd data-testid="verdict-author">{verdict.author}</dd>
          </>
        )}
        {verdict.patient && (
          <>
            <dt>Patient</dt>
            <dd>{verdict.patient}</dd>
          </>
        )}
      </dl>
      {verdict.disclosed && verdict.disclosed.length > 0 && (
        <div className="table-scroll">
          <table aria-label="Disclosed fields">
            <caption className="who">
              {proven ? "Revealed by the patient and proven part of the signed record:" : "Claimed by the file, not proven (the verdict failed):"}
            </caption>
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Value</th>
              </tr>
            </thead>
            <tbody>
              {verdict.disclosed.map((field) => (
                <tr key={field.path}>
                  <td className="mono">{field.path}</td>
                  <td className="wrap-anywhere">{field.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ul className="checklist" aria-label="Verification checks">
        {verdict.checks.map((check) => (
          <li key={check.name} data-status={check.status}>
            <span className={`badge ${check.status}`}>{check.status}</span>
            <span className="wrap-anywhere">
              <strong>{check.name}</strong>: <Reason text={check.reason} />
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
