import { LoadingRows } from "@/components/StatusViews";

export default function Loading() {
  return (
    <main id="main">
      <LoadingRows label="this view" rows={10} />
    </main>
  );
}
