/** `<ts-pusher>`: the definition lives beside this file and, in the phone build, inside the core bundle. */
import { definePusher } from './definition';

definePusher();
