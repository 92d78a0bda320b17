// A ratio of two fields above a fraction (more than half agreed).
import { ratioRule } from './ratio.js';

export default ratioRule('两字段之比超过给定分数（如同意人数过半数）', true);
