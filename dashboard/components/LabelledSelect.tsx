// A labelled drop-down as the dashboard's forms lay them out; `children` are options placed before `options` ("Anyone", "Every rule").
import type { ReactNode, SelectHTMLAttributes } from "react";

type LabelledSelectProps = {
  id: string;
  label: string;
  options: readonly { value: string; label: string }[];
  children?: ReactNode;
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, "id" | "children">;

export function LabelledSelect({ id, label, options, children, ...select }: LabelledSelectProps) {
  return (
    <div>
      <label htmlFor={id}>{label}</label>
      <select id={id} {...select}>
        {children}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
