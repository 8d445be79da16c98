// The intelligence module (智能受理), classification for now: an appeal's text → category at every
// level of the tree with a calibrated confidence, from a model each deployment trains on the
// categories its own staff confirmed (or, without history, on the category tree's keywords),
// versioned in the database and retrained as staff correct it.
import { every, type BackgroundWork } from '../../platform/background.js';
import type { RouteRegistrar } from '../../platform/http/routes.js';
import type { ModuleDeps } from '../../platform/module.js';
import type { AuditLog } from '../../platform/audit.js';
import type { CatalogueModule } from '../catalogue/index.js';
import type { DispatchModule } from '../dispatch/index.js';
import type { OrganisationService } from '../organisation/index.js';
import type { TicketsModule } from '../tickets/index.js';
import { ClassificationService } from './classification.service.js';
import { IntelligenceContext } from './intelligence-context.js';
import { intelligenceRoutes } from './intelligence.routes.js';
import { analysisRoutes } from './place/analysis.routes.js';
import { AppealAnalysisService } from './place/analysis.service.js';
import { PlaceDirectory } from './place/place-directory.js';
import { LearningFromStaff } from './learning.service.js';
import { ModelStore, RELOAD_CHECK_MS } from './model-store.js';
import { ClassifierTraining } from './training.service.js';
import { createRoutingModule, type RoutingModule } from './routing/index.js';
import { replyQualityRoutes } from './reply-quality/reply-quality.routes.js';
import { ReplyQualityService } from './reply-quality/reply-quality.service.js';

export { appealText } from './intelligence-context.js';
// Routing's simulation of learning from returns, for the evaluation (eval/routing-simulation.ts).
export {
  DEFAULT_SIMULATION,
  simulateRouting,
  type SimulationOptions,
  type SimulationResult,
} from './routing/routing-simulation.js';
// The classifier itself, pure and without I/O, for the evaluation (eval/) and benchmarks.
export { expectedCalibrationError } from './classifier/calibration.js';
export type { CategoryModel, CategoryPrediction } from './classifier/category-model.js';
export {
  DEFAULT_TRAINING,
  trainCategoryModel,
  type TrainingExample,
  type TrainingOptions,
  type TreeCategory,
} from './classifier/category-training.js';
export { keywordExamples } from './classifier/cold-start.js';
export { quantile, scoreClassification, type ClassificationScores } from './classifier/metrics.js';
export { decodeModel, encodeModel } from './classifier/model-codec.js';
export { stratifiedSplit } from './classifier/random.js';
// Reply quality (答复质量): the scorer, pure and without I/O, for the evaluation (eval/).
export { learnTermWeights, type TermWeights } from './reply-quality/term-weights.js';
export { scoreReply, type ReplyQuality } from './reply-quality/reply-scorer.js';
export type { ReplyQualityService } from './reply-quality/reply-quality.service.js';
export type {
  Classification,
  ClassificationService,
  SuggestedCategory,
  TicketSuggestion,
} from './classification.service.js';
export type { LearningFromStaff, LearningRun } from './learning.service.js';
export type { ClassifierTraining, ModelVersionView } from './training.service.js';
export type { AppealAnalysis, AppealAnalysisService } from './place/analysis.service.js';
export { assessUrgency, type UrgencyAssessment } from './urgency/urgency-rules.js';
// Duplicates (并单): the module for the composition root, the pure scorer for the evaluation.
export {
  createDuplicatesModule,
  DuplicateIndex,
  prepare as prepareDuplicateSubject,
  type DuplicateSubject,
  type DuplicatesModule,
} from './duplicates/index.js';
// Hot spots, early warning and monthly key problems (热点、预警、每月一题).
export {
  createHotspotsModule,
  DEFAULT_CLUSTERING,
  findHotIssues,
  type ClusterInput,
  type ClusterOptions,
  type HotIssue,
  type HotspotsModule,
} from './hotspots/index.js';

export interface IntelligenceModule {
  /** Category suggestions for a text and for tickets. */
  classification: ClassificationService;
  /** Turns staff's category decisions on tickets into training examples; suggests for new tickets. */
  learning: LearningFromStaff;
  /** New model versions: by hand, or when due. */
  training: ClassifierTraining;
  /** The place and urgency an appeal suggests while it is typed. */
  analysis: AppealAnalysisService;
  /** Reply quality: drafts scored while typed, sent replies scored and stored, per-unit figures. */
  replyQuality: ReplyQualityService;
  routes: RouteRegistrar;
  /** Routing (智能派单): suggestions, learning from dispatches and returns, auto-dispatch, report. */
  routing: RoutingModule;
  /** Learning every few seconds, a newer version looked for, training when due (claimed across instances). */
  background: BackgroundWork;
}

/** How often the ticket events are read for suggestions and examples. */
const LEARN_INTERVAL_MS = 3_000;
/** How often an instance checks whether a new version is due. */
const TRAIN_CHECK_INTERVAL_MS = 60_000;

/** Builds the intelligence module on the catalogue (categories, dispatch catalogue) and tickets. */
export function createIntelligenceModule(
  deps: ModuleDeps,
  extra: {
    catalogue: CatalogueModule;
    organisation: OrganisationService;
    tickets: TicketsModule;
    dispatch: DispatchModule;
    audit: AuditLog;
  },
): IntelligenceModule {
  const context = new IntelligenceContext(
    deps.database,
    deps.clock,
    extra.catalogue,
    extra.organisation,
    extra.tickets.query,
  );
  const store = new ModelStore(context);
  const training = new ClassifierTraining(context, store);
  const classification = new ClassificationService(context, store, training);
  const learning = new LearningFromStaff(context, classification);
  const routing = createRoutingModule(context, {
    dispatch: extra.dispatch.service,
    audit: extra.audit,
    timeZone: deps.config.timeZone,
  });
  const analysis = new AppealAnalysisService(new PlaceDirectory(extra.organisation, deps.clock));
  const replyQuality = new ReplyQualityService(context);
  const works = [
    every('classifier learning', LEARN_INTERVAL_MS, () => learning.learnFromEvents()),
    every('reply quality scoring', LEARN_INTERVAL_MS, () => replyQuality.scoreSentReplies()),
    every('classifier reload', RELOAD_CHECK_MS, () => store.refresh()),
    every('classifier training', TRAIN_CHECK_INTERVAL_MS, () => training.trainIfDue()),
    routing.background,
  ];
  const background: BackgroundWork = {
    async start(log) {
      const stops: Array<() => Promise<void>> = [];
      for (const work of works) stops.push(await work.start(log));
      return async () => {
        for (const stop of stops.reverse()) await stop();
      };
    },
  };
  return {
    classification,
    learning,
    training,
    analysis,
    replyQuality,
    routing,
    routes: (app) => {
      intelligenceRoutes(classification, training)(app);
      routing.routes(app);
      analysisRoutes(analysis)(app);
      replyQualityRoutes(replyQuality)(app);
    },
    background,
  };
}
