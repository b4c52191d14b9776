/** A list page's "Flow" filter field: any flow, or one by name, submitted as `flowId` with the page's GET form. */
export function FlowFilter({ id, flows, value }: { id: string; flows: readonly { id: string; name: string }[]; value: string | undefined }) {
  return (
    <div>
      <label htmlFor={id}>Flow</label>
      <select id={id} name="flowId" defaultValue={value ?? ''}>
        <option value="">Any flow</option>
        {flows.map((flow) => (
          <option key={flow.id} value={flow.id}>
            {flow.name}
          </option>
        ))}
      </select>
    </div>
  );
}
