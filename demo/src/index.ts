export * from "./seed/seedDemo.js";
export * from "./stage.js";
