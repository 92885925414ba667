// A worker entry that fails while loading, before it can say it is ready (runStateTestPool tests).
throw new Error("stub entry failed to load");
