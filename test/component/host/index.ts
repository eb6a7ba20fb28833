/** A small host page for <ts-pusher>: it binds a scenario and a few attributes and records every event. */
interface Received {
  type: string;
  detail: unknown;
}

Component<{ shown: boolean; scenario: string; url: string; mode: string; maxBitrate: number | null }, {}, { record(e: Received): void }, [], { received: Received[] }>({
  data: { shown: true, scenario: 'hd-live', url: '', mode: '', maxBitrate: null },
  lifetimes: {
    created() {
      this.received = [];
    },
  },
  methods: {
    record(e) {
      this.received.push({ type: e.type, detail: e.detail });
    },
  },
});
