import { Select } from "./forms";

/** Where someone works: a setting (setting staff) or a local area (local and health officers). */
export function PlaceFields({
  settings,
  areas,
  values,
  errors,
}: {
  settings: { id: string; label: string }[];
  areas: { id: string; name: string }[];
  values: { settingId?: string | null; localAreaId?: string | null };
  errors?: Record<string, string[] | undefined>;
}) {
  return (
    <>
      <Select
        name="settingId"
        label="Setting (for setting staff)"
        error={errors?.settingId?.[0]}
        defaultValue={values.settingId ?? ""}
        options={[{ value: "", label: "None" }, ...settings.map((s) => ({ value: s.id, label: s.label }))]}
      />
      <Select
        name="localAreaId"
        label="Local area (for local service officers and health partners)"
        error={errors?.localAreaId?.[0]}
        defaultValue={values.localAreaId ?? ""}
        options={[{ value: "", label: "None" }, ...areas.map((a) => ({ value: a.id, label: a.name }))]}
      />
    </>
  );
}
