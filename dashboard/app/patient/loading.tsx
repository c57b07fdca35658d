import { LoadingRows } from "@/components/StatusViews";

export default function Loading() {
  return (
    <main id="main">
      <LoadingRows label="your health data" rows={10} />
    </main>
  );
}
