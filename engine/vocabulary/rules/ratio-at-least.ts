// A ratio of two fields at least a fraction (at least two thirds took part in the vote).
import { ratioRule } from './ratio.js';

export default ratioRule('两字段之比不低于给定分数（如参与表决人数不少于三分之二）', false);
