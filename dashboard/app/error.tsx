"use client";
// Last resort for failures outside the data module's handled errors (those render inline where they happen).
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="main">
      <div className="state error" role="alert">
        <h1>Something went wrong</h1>
        <p>
          This view failed to render{error.digest ? ` (reference ${error.digest}: the dashboard's log has the details)` : `: ${error.message}`}. Try again; if
          it keeps failing, check the API and chain are running (npm run demo).
        </p>
        <button type="button" onClick={reset}>
          Try again
        </button>
      </div>
    </main>
  );
}
