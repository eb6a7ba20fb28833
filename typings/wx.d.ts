/**
 * Typings the official package lacks (miniprogram-api-typings 5.2.3): inside a custom
 * component the pusher context is created as `wx.createLivePusherContext(id, this)`,
 * as Tencent's own components do.
 */
declare namespace WechatMiniprogram {
  interface Wx {
    /** The context of the `<live-pusher id="…">` inside `component`'s own tree. */
    createLivePusherContext(id: string, component: Component.TrivialInstance | Page.TrivialInstance): LivePusherContext;
  }
}
