// Every chart: a titled figure, an empty state, and the same numbers as a table for screen readers and keyboard users.
export type Column<Row> = { key: keyof Row & string; label: string };

export function ChartFrame<Row extends Record<string, string | number>>({
  title,
  description,
  rows,
  columns,
  empty,
  children,
}: {
  title: string;
  description: string;
  rows: Row[];
  columns: Column<Row>[];
  empty: string;
  children: React.ReactNode;
}) {
  return (
    <figure className="panel" style={{ margin: 0 }} data-chart={title}>
      <figcaption>
        <h2>{title}</h2>
        <p className="who">{description}</p>
      </figcaption>
      {rows.length === 0 ? (
        <p className="state">{empty}</p>
      ) : (
        <>
          <div className="chart" aria-hidden="true">
            {children}
          </div>
          <details>
            <summary>Show as a table</summary>
            <div className="table-scroll">
              <table>
                <thead>
                  <tr>
                    {columns.map((column) => (
                      <th key={column.key} scope="col">
                        {column.label}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row, index) => (
                    <tr key={index}>
                      {columns.map((column) => (
                        <td key={column.key}>{row[column.key]}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </figure>
  );
}
