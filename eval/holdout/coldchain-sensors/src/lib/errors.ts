export interface Reporter {
  capture(error: Error, context: { method: string; url: string; status: number }): void;
}

export const silentReporter: Reporter = {
  capture() {},
};
