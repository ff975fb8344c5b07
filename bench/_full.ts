import { describeMachine, printResults } from './harness';
import { benchSurveys } from './surveys.bench';
process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
console.log(describeMachine());
printResults('Surveys through the local stack', await benchSurveys({ submissions: 2_000, concurrency: 16, small: 1_000, large: 100_000 }));
