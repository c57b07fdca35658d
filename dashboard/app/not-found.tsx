import Link from "next/link";

export default function NotFound() {
  return (
    <main id="main">
      <h1>Not found</h1>
      <p className="state">
        There is nothing at this address. <Link href="/">Go to your main view</Link>.
      </p>
    </main>
  );
}
