// What a form's own check of one box says before the core is asked: the value to send, or what to type instead.
export type Checked<T> = { ok: true; value: T } | { ok: false; message: string }
