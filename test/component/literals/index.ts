/** A page of `<ts-pusher>` tags with literal attribute values; records their `invalid` events by id. */
Component<
  { no: boolean },
  Record<string, never>,
  { record(e: { currentTarget: { id: string }; detail: unknown }): void },
  [],
  { invalid: Record<string, unknown[]> }
>({
  data: { no: false },
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
