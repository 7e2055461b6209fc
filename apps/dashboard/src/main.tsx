import { render } from 'preact';
import { App } from './app-shell';

document.body.dataset.updates = '0';
render(<App />, document.getElementById('app')!);
