import { render } from "preact";

render(<main>sec0 console</main>, document.getElementById("app") as HTMLElement);
