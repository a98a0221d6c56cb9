namespace Support.KnowledgeBase.Articles;

public enum ArticleStatus { Draft, Published, Archived }
