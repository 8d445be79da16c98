import { useT } from '../../i18n';
import { Link, navigate } from '../../router';
import { Notice } from '../../ui/forms';
import { ArticleForm } from './ArticleForm';
import { useKnowledgeRole } from './knowledge-data';

/** /knowledge/new: an editor writes a new article; it starts as a draft of their unit. */
export default function NewArticlePage() {
  const t = useT();
  const role = useKnowledgeRole();
  return (
    <div className="page kb">
      <Link to="/knowledge" className="kb-back">
        ← {t('kb.back')}
      </Link>
      <div className="page-head">
        <h1>{t('kb.new')}</h1>
      </div>
      {role.isEditor ? (
        <section className="panel kb-form-panel">
          <ArticleForm
            onSaved={(article) => navigate(`/knowledge/${article.id}`)}
            onCancel={() => navigate('/knowledge')}
          />
        </section>
      ) : (
        <Notice kind="error">{t('app.forbidden')}</Notice>
      )}
    </div>
  );
}
