// A render thread's entry (see MailRenderer): piscina calls the module's default export.
import { renderMail } from './mail-rendering';

export default renderMail;
