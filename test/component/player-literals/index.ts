/** A page of `<ts-player>` tags with literal attribute values; records their `invalid` events by id. */
Component<
  Record<string, never>,
  Record<string, never>,
  { record(e: { currentTarget: { id: string }; detail: unknown }): void },
  [],
  { invalid: Record<string, unknown[]> }
>({
  lifetimes: {
    created() {
      this.invalid = {};
    },
  },
  methods: {
    record(e) {
      (this.invalid[e.currentTarget.id] = this.invalid[e.currentTarget.id] || []).push(e.detail);
    },
  },
});
