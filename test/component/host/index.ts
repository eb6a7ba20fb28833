/** A small host page for <ts-pusher>: it binds a scenario and a few attributes and records every event. */
interface Received {
  type: string;
  detail: unknown;
}

type HostData = {
  shown: boolean;
  scenario: string;
  url: string;
  mode: string;
  maxBitrate: number | null;
  enableMic: boolean | null;
  waitingImage: string;
  policies: Record<string, unknown> | null;
  startTimeout: number | null;
  callTimeout: number | null;
  emulate: string;
};

Component<HostData, Record<string, never>, { record(e: Received): void }, [], { received: Received[] }>({
  data: {
    shown: true,
    scenario: 'hd-live',
    url: '',
    mode: '',
    maxBitrate: null,
    enableMic: null,
    waitingImage: '',
    policies: null,
    startTimeout: null,
    callTimeout: null,
    emulate: '',
  },
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
