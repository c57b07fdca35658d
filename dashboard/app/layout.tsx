import type { Metadata, Viewport } from "next";
import "./globals.css";
import { DataFreshnessBanner } from "@/components/DataFreshnessBanner";

export const metadata: Metadata = {
  title: "CareTrail",
  description: "Who saw my health data, and was this record really written by that doctor? Consent, provenance and audit on the chain.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

// Every page renders per request, so each gets the CSP nonce middleware.ts made for it (a prerendered page has none).
export const dynamic = "force-dynamic";

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <DataFreshnessBanner />
        {children}
      </body>
    </html>
  );
}
