// `sec0-sdk/guard` until it ships: importing it throws SDK_SUBPATH_NOT_AVAILABLE, naming the
// package that will provide it and what to use meanwhile (see ../subpath-not-available.ts).
import { throwSubpathNotAvailable } from "../subpath-not-available.js";

throwSubpathNotAvailable("guard");
