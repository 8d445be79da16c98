// How much a gram says about what an appeal is about: its inverse document frequency over the
// deployment's own appeals (a gram in every appeal, like 问题 or 小区, says little; 噪音 says a
// lot). A deployment with too few appeals falls back to equal weights, and the words every
// appeal and every reply use (greetings, thanks, "the problem you reported") always weigh little.
import { gramSet } from './text-grams.js';

/** Below this many appeals the document frequencies are noise: every gram weighs the same. */
export const MIN_DOCUMENTS = 30;
/** The weight of a common word, whatever the corpus says. */
const COMMON_WEIGHT = 0.08;
/**
 * Function characters (的, 是, 了…): a bigram holding one is most often two words' edges glued
 * together (定的, 间是), which no reply repeats; it keeps this share of its weight.
 */
const FUNCTION_SHARE = 0.3;
const FUNCTION_CHARS = new Set(
  Array.from('的了是在和与及或我你他她它这那吗呢吧啊也都就还又很被把给对向从到为之其有没不么怎问'),
);
/** Pure numbers (dates, house numbers) match by accident more often than by meaning. */
const NUMBER_WEIGHT = 0.2;

// Written for this scorer: the stock words of appeals and replies on a 12345 board. Bigrams,
// since that is how texts are read (text-grams.ts).
const COMMON_WORDS = [
  '您好 你好 网友 市民 同志 先生 女士 来信 来电 留言 收悉 答复 回复 如下 现将 情况 问题',
  '反映 反应 所述 有关 相关 部门 单位 我们 你们 他们 我局 我委 我办 我区 我市 本局',
  '感谢 谢谢 支持 关心 关注 理解 监督 信任 工作 欢迎 继续 再次 非常 十分 高度 重视',
  '这个 那个 这些 那些 这样 那样 什么 怎么 如何 为什么 是否 可以 能否 希望 请问 要求',
  '目前 现在 已经 进行 一个 没有 就是 因为 所以 如果 但是 还是 以及 关于 对于 由于',
  '并且 而且 或者 其中 同时 一些 一下 一直 不是 可能 应该 需要 得到 给予 进一步 认真',
  '我们的 群众 老百姓 大家 自己 本人 请求 恳请 麻烦 领导 政府 具体 方面 时候 以上',
  '处理 解决 尽快 落实 调查 核实 安排 帮助 帮忙 一下 一定 严重 影响 不到 不能 不了',
].flatMap((line) => line.split(' '));

export interface TermWeights {
  /** The weight of a gram, in (0, 1]. */
  weight(gram: string): number;
  /** How many appeals the weights were learnt from (0: the built-in fallback). */
  readonly documents: number;
}

const COMMON_GRAMS: ReadonlySet<string> = new Set(COMMON_WORDS.flatMap((w) => [...gramSet(w)]));

/** Whether a gram is one of the built-in common words (您好, 问题, 能否…). */
export const isCommonWord = (gram: string): boolean => COMMON_GRAMS.has(gram);

function baseWeight(gram: string): number | null {
  if (COMMON_GRAMS.has(gram)) return COMMON_WEIGHT;
  if (/^\p{N}+$/u.test(gram)) return NUMBER_WEIGHT;
  return null;
}

/** The share of its weight a gram keeps for holding a function character. */
const functionShare = (gram: string) =>
  Array.from(gram).some((c) => FUNCTION_CHARS.has(c)) ? FUNCTION_SHARE : 1;

/** Weights learnt from a deployment's appeals (title and description of each). */
export function learnTermWeights(appeals: Iterable<string>): TermWeights {
  const df = new Map<string, number>();
  let documents = 0;
  for (const appeal of appeals) {
    documents++;
    for (const gram of gramSet(appeal)) df.set(gram, (df.get(gram) ?? 0) + 1);
  }
  if (documents < MIN_DOCUMENTS) return FALLBACK_WEIGHTS;
  const top = Math.log(documents + 1);
  return {
    documents,
    weight(gram) {
      const fixed = baseWeight(gram);
      if (fixed !== null) return fixed;
      const idf = Math.log((documents + 1) / ((df.get(gram) ?? 0) + 1)) / top;
      return Math.min(1, Math.max(0.05, idf)) * functionShare(gram);
    },
  };
}

/** Equal weights except for the common words: for a deployment without appeals yet. */
export const FALLBACK_WEIGHTS: TermWeights = {
  documents: 0,
  weight: (gram) => baseWeight(gram) ?? functionShare(gram),
};
