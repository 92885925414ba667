import { PevmError } from "../../primitives/errors.js";

/** Why a data directory cannot be used. */
export type DataDirProblem =
  /** The path exists and is not a directory. */
  | "DATADIR_NOT_DIRECTORY"
  /** Not a pevm data dir: other files without an LMDB environment, or an LMDB environment of someone else. */
  | "DATADIR_FOREIGN"
  /** `data.mdb` is not an LMDB file, or one of our records is malformed. */
  | "DATADIR_CORRUPT"
  /** A pevm data dir written with another table layout. */
  | "DATADIR_LAYOUT"
  /** LMDB refused to open or read it (permissions, disk, lock file). */
  | "DATADIR_UNREADABLE";

/** A data directory that cannot be opened as pevm state, naming the directory and what is wrong with it. */
export class DataDirError extends PevmError {
  override name = "DataDirError";
  readonly path: string;

  constructor(
    code: DataDirProblem,
    path: string,
    problem: string,
    options: { details?: string; cause?: unknown } = {},
  ) {
    super(code, `${path}: ${problem}`, options);
    this.path = path;
  }
}
